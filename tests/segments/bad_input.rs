//! Every algorithm refuses bad input with an error that says what is wrong.

use crm_lens::control::Unattended;
use crm_lens::segments::choose_k::choose_k;
use crm_lens::segments::params::{DbscanParams, Distance, KMeansParams, KRange};
use crm_lens::segments::{Matrix, SegmentError, dbscan, kmeans, pca, silhouette};

fn kmeans_k(x: &Matrix, k: usize) -> Result<kmeans::KMeansFit, SegmentError> {
    let config = KMeansParams {
        k,
        ..KMeansParams::default()
    }
    .check()?;
    pollster::block_on(kmeans::fit(x, &config, &mut Unattended))
}

fn choose(x: &Matrix, from: usize, to: usize) -> Result<usize, SegmentError> {
    let config = KMeansParams::default().check()?;
    let range = KRange { from, to };
    pollster::block_on(choose_k(x, range, &config, 1000, &mut Unattended))
        .map(|c| c.curve.suggested)
}

fn dbscan_fit(x: &Matrix, eps: f64) -> Result<dbscan::DbscanFit, SegmentError> {
    let config = DbscanParams {
        eps,
        min_points: 2,
        distance: Distance::Euclidean,
    }
    .check()?;
    pollster::block_on(dbscan::fit(x, &config, &mut Unattended))
}

fn rows(values: &[&[f64]]) -> Matrix {
    Matrix::from_rows(&values.iter().map(|r| r.to_vec()).collect::<Vec<_>>()).expect("finite")
}

#[test]
fn k_larger_than_the_number_of_customers() {
    let x = rows(&[&[1.0], &[2.0], &[3.0]]);
    let error = kmeans_k(&x, 4).expect_err("refused");
    assert_eq!(error, SegmentError::TooFewCustomers { k: 4, customers: 3 });
    assert_eq!(
        error.to_string(),
        "4 segments were asked for but there are only 3 customers; choose k of at most 3"
    );
    assert!(matches!(
        choose(&x, 2, 8),
        Err(SegmentError::TooFewCustomers { k: 8, .. })
    ));
}

#[test]
fn all_identical_points() {
    let x = rows(&[&[1.0, 2.0], &[1.0, 2.0], &[1.0, 2.0]]);
    let error = kmeans_k(&x, 2).expect_err("refused");
    assert_eq!(error, SegmentError::AllIdentical);
    assert!(error.to_string().contains("nothing to separate"));
    assert_eq!(choose(&x, 2, 3), Err(SegmentError::AllIdentical));
    // Silhouettes of identical points are all 0, as scikit-learn's.
    let score = pollster::block_on(silhouette::score(
        &x,
        &[0, 0, 1],
        Distance::Euclidean,
        &mut Unattended,
    ));
    assert_eq!(score, Ok(0.0));
    // DBSCAN puts them all in one cluster; PCA finds no variance.
    assert_eq!(dbscan_fit(&x, 0.5).map(|f| f.clusters), Ok(1));
    let p = pollster::block_on(pca::fit(&x, 2, &mut Unattended)).expect("fits");
    assert_eq!(p.explained_variance, [0.0, 0.0]);
}

#[test]
fn a_single_customer() {
    let x = rows(&[&[1.0, 2.0]]);
    assert_eq!(
        kmeans_k(&x, 1).expect_err("refused"),
        SegmentError::SingleCustomer
    );
    assert_eq!(choose(&x, 2, 3), Err(SegmentError::SingleCustomer));
    assert_eq!(dbscan_fit(&x, 1.0), Err(SegmentError::SingleCustomer));
    assert_eq!(
        pollster::block_on(pca::fit(&x, 2, &mut Unattended)),
        Err(SegmentError::SingleCustomer)
    );
    let message = SegmentError::SingleCustomer.to_string();
    assert_eq!(
        message,
        "there is only one customer; segments need at least two"
    );
}

#[test]
fn nan_features() {
    let error = Matrix::new(2, 2, vec![1.0, f64::NAN, 3.0, 4.0]).expect_err("refused");
    assert_eq!(error, SegmentError::NotFinite { row: 0, column: 1 });
    assert!(error.to_string().contains("not a finite number"));
    assert!(Matrix::new(1, 1, vec![f64::INFINITY]).is_err());
}

#[test]
fn bad_parameters() {
    let x = rows(&[&[1.0], &[2.0], &[3.0]]);
    assert_eq!(kmeans_k(&x, 0).expect_err("refused"), SegmentError::ZeroK);
    assert_eq!(
        dbscan_fit(&x, 0.0).expect_err("refused"),
        SegmentError::BadEps(0.0)
    );
    assert!(
        dbscan_fit(&x, -1.0)
            .expect_err("refused")
            .to_string()
            .contains("greater than 0")
    );
    assert_eq!(
        choose(&x, 1, 3),
        Err(SegmentError::BadRange { from: 1, to: 3 })
    );
    let labels_one_cluster = pollster::block_on(silhouette::score(
        &x,
        &[0, 0, 0],
        Distance::Euclidean,
        &mut Unattended,
    ));
    assert!(matches!(
        labels_one_cluster,
        Err(SegmentError::SilhouetteClusters { clusters: 1, .. })
    ));
}
